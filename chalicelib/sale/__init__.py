"""Records for a home sale (SPEC F13, F14): what a property's record says to a buyer, share links,
the records pack, the transaction status and the new owner's access."""
