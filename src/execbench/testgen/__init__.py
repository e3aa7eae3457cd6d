"""Tests as the product: mutants of a reference, mutation-score tasks, and test augmentation."""
