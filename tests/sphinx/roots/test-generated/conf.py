extensions = ["ideation.sphinx"]
ideation_generate_pages = True
ideation_today = "2022-09-01"
