"""eGain Customer Manager v3: OAuth for its actors, customer search and customers by id."""
