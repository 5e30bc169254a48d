# The tests point ideation_catalogue at examples/programme-10 (an absolute path).
extensions = ["ideation.sphinx"]
