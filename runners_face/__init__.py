"""Runner's Face, explained: an interactive explainer of Dr. Gerald Imber's advice.

Core modules (no Streamlit): ``units``, ``pace``, ``model``, ``content``, ``charts``,
``state``, ``exports``. View modules that draw the page live in ``runners_face.views``.
"""
