"""Knowledge: bases, their categories and articles, as a tree people browse and search."""
