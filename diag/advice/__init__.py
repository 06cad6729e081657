"""What to do next: the advice catalog (es/en, with sources) and the action plan built from it."""
