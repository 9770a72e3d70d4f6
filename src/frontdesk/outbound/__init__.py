"""What frontdesk sends out: webhook deliveries over HTTP (the domain never speaks HTTP)."""
