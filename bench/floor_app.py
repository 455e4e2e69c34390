"""The floor: the least a slider-driven Streamlit chart page can be.

A title, one number input, one slider and one Altair line chart fed by the slider, nothing
else. The benchmarks (`bench/bench_latency.py` and the others) measure the real app against
this page; a gap between the two is cost the real app adds on top of Streamlit itself.

Run alone with: .venv/bin/streamlit run bench/floor_app.py
"""

import math

import altair as alt
import pandas as pd
import streamlit as st

st.title("Floor: pace chart")

weight = st.number_input("Current weight (lb)", min_value=80.0, max_value=600.0, value=180.0, step=1.0)
pace = st.slider("Pace (lb a week)", min_value=0.25, max_value=3.0, value=1.0, step=0.25)

goal = 165.0
weeks = max(1, math.ceil((weight - goal) / pace))
frame = pd.DataFrame({"week": range(weeks + 1), "weight": [max(goal, weight - pace * w) for w in range(weeks + 1)]})
chart = (
    alt.Chart(frame)
    .mark_line(point=True)
    .encode(x=alt.X("week:Q", title="Week"), y=alt.Y("weight:Q", title="Weight (lb)", scale=alt.Scale(zero=False)))
)
st.altair_chart(chart, width="stretch")
