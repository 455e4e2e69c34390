"""The load generator: readers' tabs spoken in Streamlit's own protocol, without a browser.

* ``protocol``: one tab (the page request, the websocket, script runs, reconnects, downloads),
  each request reported to one collector;
* ``pace_move``: how a pace move reaches the server (ours: the pace control; the floor: a slider);
* ``crowd``: many tabs in a closed loop (each moves, waits, thinks, moves again), load shapes as
  data (``load_shapes.toml``), and a crowd in a background thread for tests;
* ``visits``: readers arriving at random (an open loop), each one visit of the page.

The benchmarks (``bench/``) and the deploy and browser tests use it; it imports neither.
"""
