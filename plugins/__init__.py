"""relais' Pelican plugins, one package per job (plugins/<job>/ in the kit's source).

A site lists the ones it wants by their full name, `relais.plugins.<job>`; Pelican imports
a package of this one only when PLUGINS names it. README.md in each folder tells its
settings, what it needs of the others and how to use it alone.
"""
