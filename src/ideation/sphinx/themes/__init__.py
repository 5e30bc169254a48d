"""The Sphinx HTML themes ideation ships: ``ideation-dsfr`` (:mod:`.dsfr`), opt-in."""
