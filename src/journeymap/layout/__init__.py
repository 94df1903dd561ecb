"""Layout: from the model and a theme to a positioned Scene; all geometry lives here."""
