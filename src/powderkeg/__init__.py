"""powderkeg."""
