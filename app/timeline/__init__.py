"""The reflection timeline's page and chart."""
