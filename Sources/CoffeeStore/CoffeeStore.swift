// CoffeeStore
