"""Streamlit pages and their shared state; `app.py` only assembles them."""
