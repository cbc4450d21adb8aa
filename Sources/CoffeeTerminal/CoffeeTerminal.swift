// CoffeeTerminal
