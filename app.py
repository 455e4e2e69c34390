"""Runner's Face, explained: run with `streamlit run app.py`."""

import streamlit as st

from runners_face.views.page import load_or_stop, render_page

st.set_page_config(page_title="Runner's face, explained", page_icon="🏃", layout="centered")
render_page(load_or_stop())
