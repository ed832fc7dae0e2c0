"""The MkDocs + Material adapter: reading mkdocs.yml, the plugin, and running a build into a folder."""
