"""The Latent Space & Collapse Glossary's own code: its MkDocs plugin (`plugin.py`), one
module per concern of the build, and the checker and tools the commands in scripts/ run."""
