"""The bundled content files: valid, unique ids across files, every source a known document."""

from __future__ import annotations

import json
import re
import shutil
from pathlib import Path

import pytest
from pydantic import ValidationError

from koppdesk.bundle import resource_path
from koppdesk.content.loader import FILES, ContentError, ContentLibrary, load_file
from koppdesk.content.models import SEED_DOCUMENT, ChecklistContent, KindcheckContent, TipsContent

#: The background documents' index, where the seeds are checked out next to the repository.
SEEDS_INDEX = Path(__file__).resolve().parents[2] / "shared" / "seeds" / "INDEX.md"


@pytest.fixture(scope="module")
def library() -> ContentLibrary:
    return ContentLibrary()


def documents() -> set[str]:
    data = json.loads(resource_path("content", "bronnen.json").read_text(encoding="utf-8"))
    return {d["file"] for d in data["documents"]}


def test_every_file_validates(library):
    assert isinstance(library.kindcheck, KindcheckContent)
    assert isinstance(library.tips, TipsContent)
    assert isinstance(library.checklist, ChecklistContent)
    assert set(FILES.values()) <= {p.name for p in resource_path("content").iterdir()}


def test_ids_are_unique_across_files(library):
    ids = [item.id for item in library.all_items()]
    assert len(ids) > 60
    assert len(ids) == len(set(ids)), sorted(i for i in ids if ids.count(i) > 1)


def test_every_item_has_a_version_and_names_a_known_document(library):
    known = documents()
    for item in library.all_items():
        assert item.version >= 1
        named = item.documents()
        assert named, item.id
        assert set(named) <= known, (item.id, item.source)


def test_the_document_list_matches_the_seed_index():
    if not SEEDS_INDEX.exists():
        pytest.skip("seed documents not checked out next to the repository")
    listed = set(SEED_DOCUMENT.findall(SEEDS_INDEX.read_text(encoding="utf-8")))
    assert documents() == listed
    for name in listed:
        assert (SEEDS_INDEX.parent / name).is_file()


def test_content_covers_the_issue(library):
    """The topics the issue asks for are there (by id, so wording can change)."""
    kc = library.kindcheck
    assert {r.key for r in kc.routes} == {"veiligheid", "preventief"}
    meldcode = [s for s in kc.steps if s.route == "veiligheid"]
    assert "0800-2000" in " ".join(t for s in meldcode for t in s.text)
    assert {"kc.mc.afw2", "kc.mc.afw3", "kc.mc.afw4"} <= {s.id for s in meldcode}
    audiences = {a for c in library.tips.cards for a in c.audiences}
    assert audiences == {"ouder", "kind", "naasten", "collega"}
    weighty = {f.id for f in library.checklist.factors if f.weighty}
    assert weighty == {"cl.kind.meisje", "cl.ouders.beide", "cl.ouders.vroeg-begin", "cl.gezin.functioneren"}
    levels = {(f.level, f.type) for f in library.checklist.factors}
    assert len(levels) == 8  # risk and protective on every level


def test_texts_carry_no_markup_or_links(library):
    """Content is shown as plain text: no HTML and no web links to follow."""
    for item in library.all_items():
        text = json.dumps(item.model_dump(), ensure_ascii=False)
        assert not re.search(r"<[a-zA-Z/]|https?://", text), item.id


# -- the models refuse bad content ------------------------------------------------------------

def kindcheck_data() -> dict:
    return json.loads(resource_path("content", "kindcheck.json").read_text(encoding="utf-8"))


def test_source_must_name_a_document():
    data = kindcheck_data()
    data["steps"][0]["source"] = "eigen kennis"
    with pytest.raises(ValidationError, match="brondocument"):
        KindcheckContent.model_validate(data)


def test_duplicate_ids_are_refused():
    data = kindcheck_data()
    data["steps"][1]["id"] = data["steps"][0]["id"]
    with pytest.raises(ValidationError, match="twee keer"):
        KindcheckContent.model_validate(data)


def test_unknown_next_step_is_refused():
    data = kindcheck_data()
    data["steps"][0]["next"] = "kc.bestaat-niet"
    with pytest.raises(ValidationError, match="onbekende volgende stap"):
        KindcheckContent.model_validate(data)


def test_a_loop_in_the_flow_is_refused():
    data = kindcheck_data()
    last = next(s for s in data["steps"] if s["id"] == "kc.pr.4")
    last["next"] = "kc.pr.1"
    with pytest.raises(ValidationError, match="kring"):
        KindcheckContent.model_validate(data)


def test_unreachable_step_is_refused():
    data = kindcheck_data()
    data["steps"].append({"id": "kc.los", "version": 1, "source": "002_4fda6eb898c24216.txt",
                          "kind": "uitleg", "title": "Los"})
    with pytest.raises(ValidationError, match="onbereikbare"):
        KindcheckContent.model_validate(data)


def test_update_takes_higher_versions_only(library):
    tips = library.tips
    first, second = tips.cards[0], tips.cards[1]
    newer = first.model_copy(update={"version": first.version + 1, "title": "Nieuwe titel"})
    older = second.model_copy(update={"version": second.version, "title": "Genegeerd"})
    added = first.model_copy(update={"id": "tip.nieuw", "title": "Nieuwe kaart"})
    update = tips.model_copy(update={"cards": [newer, older, added]})
    merged = tips.updated_with(update)
    by_id = {c.id: c for c in merged.cards}
    assert by_id[first.id].title == "Nieuwe titel"
    assert by_id[second.id].title == second.title
    assert by_id["tip.nieuw"].title == "Nieuwe kaart"
    assert len(merged.cards) == len(tips.cards) + 1
    assert tips.cards[0].title == first.title  # the original is unchanged


def test_update_that_breaks_the_flow_is_refused(library):
    kc = library.kindcheck
    start = kc.step(kc.start)
    broken = start.model_copy(update={"version": start.version + 1, "next": "kc.weg"})
    with pytest.raises(ValidationError):
        kc.updated_with(kc.model_copy(update={"steps": [broken]}))


def test_damaged_file_gives_dutch_message_and_log(tmp_path, caplog):
    folder = tmp_path / "content"
    shutil.copytree(resource_path("content"), folder)
    (folder / "checklist.json").write_text('{"format": "koppdesk-content"', encoding="utf-8")
    with pytest.raises(ContentError, match="checklist.json is beschadigd"):
        _ = ContentLibrary(folder).checklist
    assert "checklist.json invalid" in caplog.text
    (folder / "gesprekstips.json").unlink()
    with pytest.raises(ContentError, match="ontbreekt"):
        load_file(folder / "gesprekstips.json", TipsContent)
    assert ContentLibrary(folder).kindcheck.start == "kc.start"  # the other files still load
