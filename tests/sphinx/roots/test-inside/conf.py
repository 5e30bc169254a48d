extensions = ["ideation.sphinx"]
# The test copies the example catalogue into data/, inside the source folder.
ideation_catalogue = "data"
