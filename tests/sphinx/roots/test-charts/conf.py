extensions = ["ideation.sphinx"]
project = "Charts"
ideation_today = "2022-09-01"
