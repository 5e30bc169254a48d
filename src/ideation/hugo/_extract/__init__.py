"""Structure from prose: what the pages of a Hugo site say in sentences, as typed data.

Every function here reads a page's Markdown body and returns plain data for the model, with a
:class:`Found` for each value, saying which line it came from, so that a person can check each
guess in the import report. Nothing here is sure: the rules are the habits of French
public-sector sites like the reference one (``* 9h45 : Présentation…``, ``*25 participant(e)s*``,
``* Ministère de l'Intérieur (Gendarmerie nationale, DNUM)``), written to find nothing rather
than something wrong when a page does not follow them.
"""
