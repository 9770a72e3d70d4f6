"""Who is signed in: agents' interactive sessions and the Login/Logout events they leave
(read back, by system group, as Cention's logio)."""
