"""The event stages, each a module with one job over the article's working state (model.ArticleState):
detect (triggers -> candidates), mentions (candidate x place -> Mention), attach (actors, bare forces, what a
sentence inherits), sides (ACLED's default other side), attribute (claim, statement author, voice), typing
(ordered named typing rules), casualties, dates, retellings (one event told once per article)."""
