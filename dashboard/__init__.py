"""Dual-carbon standards and measurement programme tracker."""
