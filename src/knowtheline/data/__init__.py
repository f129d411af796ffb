"""The 287(g) data pipeline: raw ICE agreement lists in, small tidy tables out.

Run ``knowtheline data build --raw <raw folder> --out data`` to
rebuild ``data/287g/`` from the raw snapshots. The book and the tests read
only the committed tables, through :mod:`knowtheline.data.load`.

Modules:

* :mod:`~knowtheline.data.snapshots` finds and reads the raw files;
* :mod:`~knowtheline.data.clean` holds the row-level cleaning rules;
* :mod:`~knowtheline.data.dating` decides the date of each list and which
  lists to keep;
* :mod:`~knowtheline.data.reported` holds the dated figures quoted in the
  raw README;
* :mod:`~knowtheline.data.tables` derives and writes the output tables;
* :mod:`~knowtheline.data.load` reads the committed tables back.
"""
