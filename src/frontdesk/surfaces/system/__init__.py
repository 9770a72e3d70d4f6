"""frontdesk's own endpoints: health, the OpenAPI document and its browser."""
