extensions = ["ideation.sphinx"]
ideation_generate_pages = True
ideation_today = "2023-06-01"
