"""Question -> answer logic shared by the CLI and the Streamlit app.

Importing the package keeps LangChain/LangSmith tracing off for the whole process (config.keep_tracing_off):
both entry points pass through here before any LangChain module is loaded, so no prompt leaves the machine.
"""

from .config import keep_tracing_off

keep_tracing_off()
