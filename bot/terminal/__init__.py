"""Parley in a terminal: `python -m parley try`, the real bot on the offline Discord, drawn as text.

* `sandbox`: the throwaway server (#help, #stories, #mod-queue for moderators, a Moderators role; a member, a
  moderator and the owner, all in one client language; Parley set up by the owner) over `parley.replay`.
* `repl`: reads a line and turns it into a slash command, a click, a select or a terminal command (`switch`,
  `channel`, `show`, `wait`, `restart`, `copy`, `help`); fills modals field by field.
* `commandline` / `completion`: Discord-client style `/name sub option: value`, against the bot's own command tree
  (names in the member's language too), and Tab completion from the same tree.
* `render`, `markdown`, `text`: messages as boxes (containers, embeds), light markdown, buttons and select options
  numbered in one sequence per screen (`2` presses or picks, `2,3` picks several options of one menu).
* `bidi`: the Unicode bidi algorithm (UAX #9), so Arabic lines reach the terminal in visual order.

Imported only by the `try` verb: `python -m parley run` never loads prompt_toolkit or this package.
"""
