package payments
