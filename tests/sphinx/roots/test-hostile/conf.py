extensions = ["ideation.sphinx"]
ideation_generate_pages = True
ideation_image_base_url = "https://example.org/"
html_baseurl = "https://example.org/site/"
