"""Evaluation of banmian against page texts generated with known truth."""
