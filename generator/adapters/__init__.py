"""Adapters to the theme engine. Only this folder knows MkDocs and Material."""
