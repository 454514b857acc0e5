"""Hostile and malformed plan files, built at test time (nothing binary is committed).

:mod:`tests.badinputs.corpus` builds the corpus; :mod:`tests.badinputs.examples`
holds the invented plans and the hypothesis example budget shared by the
safety tests.
"""
