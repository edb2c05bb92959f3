"""Qt widgets only.  Widgets call services (koppdesk.services), never SQL."""
