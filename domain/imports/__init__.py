"""CSV imports of customers and transactions; see `domain.imports.service`."""
