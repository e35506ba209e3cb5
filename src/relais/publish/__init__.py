"""`make publish`: build, check and deploy the site to GitHub Pages without ever breaking it.

Run as `python -m relais.publish` from the project folder. See docs/publishing.md.
"""
