"""Vehicles: the list with search and collection filter, the vehicle file with its tabs, the entry dialog."""
