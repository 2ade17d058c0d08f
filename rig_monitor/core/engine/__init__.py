"""Polling and discovery: when and how often each miner is asked, and what happens to the answers."""
