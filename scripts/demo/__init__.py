"""`welfare demo`: a deterministic generator of a realistic demo province of Samut Prakan.

The province obeys every transparency rule of docs/data-model.md, section 6, so that any finding on
it (or on a book built from it) points at a real problem. `--violations` plants one case of
each rule in a separate file so that tests can see every rule fire.
"""
