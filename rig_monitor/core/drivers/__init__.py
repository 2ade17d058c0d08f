"""One driver per firmware family; each turns vendor replies into a MinerSnapshot."""
