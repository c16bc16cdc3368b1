"""Score predicted events against ACLED-format gold: event matching, per-field scores, geocoding error.

The flow: read both sides as EventRow (`eventwire.gold`), pair them one-to-one (`matching.match_events`),
then count (`scoring.score_events` -> EvaluationReport). `corpus.evaluate_corpus` runs extraction over a
folder of articles with gold beside them; `notes.evaluate_acled_notes` runs it over ACLED's own notes and
scores each against its row; `report` renders reports, `ratchet` keeps floors under the corpus scores.
Everything here is deterministic: the same inputs give the same report. Every public name of the modules
is importable from `eventwire.evaluate`.
"""

from eventwire.evaluate.corpus import corpus_articles, evaluate_corpus, row_from_mention
from eventwire.evaluate.matching import (
    COMPATIBLE_EVENT_TYPES,
    DATE_SLACK_DAYS,
    DEFAULT_TOLERANCE_KM,
    OPTIMAL_MATCH_LIMIT,
    TOLERANCE_KM_BY_GEO_PRECISION,
    compatible_event_types,
    distance_km,
    fold_text,
    haversine_km,
    match_events,
    match_score,
    normalise_actor,
    normalise_place,
    place_agrees,
    tolerance_km,
)
from eventwire.evaluate.notes import (
    NOTE_CHECKS,
    PLACEMENT_DAYS,
    NotePlacement,
    NoteResult,
    NotesReport,
    evaluate_acled_notes,
    note_checks,
    note_placement,
    note_split,
    note_text,
    notes_report,
    placement_table,
    score_note,
    stratified_sample,
)
from eventwire.evaluate.ratchet import (
    RATCHET_MARGIN,
    RATCHETED_SCORES,
    ratchet_failures,
    ratchet_floors,
    read_floors,
    write_floors,
)
from eventwire.evaluate.report import (
    MARKDOWN_EVENT_LINES,
    ReportFormat,
    notes_markdown,
    placement_markdown,
    report_json,
    report_markdown,
)
from eventwire.evaluate.scoring import (
    SAME_PLACE_KM,
    SCORED_FIELDS,
    ArticleScore,
    Counts,
    EvaluationReport,
    EventSummary,
    FieldScore,
    GeoErrors,
    counts,
    evaluate_files,
    field_agrees,
    geo_errors,
    score_events,
)

__all__ = [
    "COMPATIBLE_EVENT_TYPES", "DATE_SLACK_DAYS", "DEFAULT_TOLERANCE_KM", "MARKDOWN_EVENT_LINES", "NOTE_CHECKS",
    "OPTIMAL_MATCH_LIMIT", "PLACEMENT_DAYS", "RATCHETED_SCORES", "RATCHET_MARGIN", "SAME_PLACE_KM",
    "SCORED_FIELDS", "TOLERANCE_KM_BY_GEO_PRECISION", "ArticleScore", "Counts", "EvaluationReport",
    "EventSummary", "FieldScore", "GeoErrors", "NotePlacement", "NoteResult", "NotesReport", "ReportFormat",
    "compatible_event_types", "corpus_articles", "counts", "distance_km", "evaluate_acled_notes",
    "evaluate_corpus", "evaluate_files", "field_agrees", "fold_text", "geo_errors", "haversine_km",
    "match_events", "match_score", "normalise_actor", "normalise_place", "note_checks", "note_placement",
    "note_split", "note_text", "notes_markdown", "notes_report", "place_agrees", "placement_markdown",
    "placement_table", "ratchet_failures", "ratchet_floors", "read_floors", "report_json", "report_markdown",
    "row_from_mention", "score_events", "score_note", "stratified_sample", "tolerance_km", "write_floors",
]  # fmt: skip
