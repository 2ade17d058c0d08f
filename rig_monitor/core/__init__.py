"""Qt-free core: data model, protocol clients, drivers, discovery, polling, fault rules."""
