/// The top level: settings, roles, function signatures, then each body.

/// Everything the resolver hands the compiler.
struct ResolvedScript {
    var functions: [RFunction]
    /// For each handler, its function index in `functions`.
    var handlerFunctions: [Int]
    var handlers: [Handler]
    var roles: [Role]
    var settings: [Setting]
}

extension Resolver {
    mutating func resolve(_ script: ScriptSyntax) -> ResolvedScript {
        let settings = resolveSettings(script.settings)
        declareRoles(script.roles)
        declareFunctions(script.functions)

        var functions: [RFunction] = []
        for function in script.functions {
            functions.append(resolveFunction(function))
        }

        var roles: [Role] = []
        var handlers: [Handler] = []
        var handlerFunctions: [Int] = []
        func add(_ syntax: HandlerSyntax, role: Int, into self_: inout Resolver) -> HandlerID? {
            guard let (trigger, function, takesArgument) = self_.resolveHandler(syntax, role: role) else { return nil }
            let id = HandlerID(handlers.count)
            handlerFunctions.append(functions.count)
            functions.append(function)
            handlers.append(Handler(id: id, trigger: trigger, role: role, span: syntax.span, takesArgument: takesArgument))
            return id
        }
        if script.roles.isEmpty {
            var role = Role(name: "", count: nil, handlers: [], span: nil)
            for handler in script.handlers {
                if let id = add(handler, role: 0, into: &self) { role.handlers.append(id) }
            }
            roles.append(role)
        } else {
            for handler in script.handlers {
                log.error("this handler is outside any role, but the script declares roles", at: handler.span,
                          hint: "move it into one of the role blocks")
            }
            for (index, syntax) in script.roles.enumerated() {
                if syntax.count < 1 || syntax.count > Resolver.maxRoleWorkers {
                    log.error("role '\(syntax.name)' takes 1 to \(Resolver.maxRoleWorkers) workers, not \(syntax.count)", at: syntax.countSpan)
                }
                var role = Role(name: syntax.name, count: Int(clamping: syntax.count), handlers: [], span: syntax.span)
                for handler in syntax.handlers {
                    if let id = add(handler, role: index, into: &self) { role.handlers.append(id) }
                }
                roles.append(role)
            }
        }
        return ResolvedScript(functions: functions, handlerFunctions: handlerFunctions, handlers: handlers,
                              roles: roles, settings: settings)
    }

    // MARK: Settings

    mutating func resolveSettings(_ syntax: [SettingSyntax]) -> [Setting] {
        var settings: [Setting] = []
        for line in syntax {
            guard let index = settingIndex[line.name] else {
                log.error("unknown setting '\(line.name)'", at: line.span,
                          hint: quiet ? nil : didYouMean(line.name, in: host.settings.map(\.name)) ?? settingsHint)
                continue
            }
            if let earlier = settings.first(where: { $0.name == line.name }) {
                log.error("setting '\(line.name)' is already set at \(earlier.span)", at: line.span)
                continue
            }
            let value: Setting.Value
            switch (host.settings[index].kind, line.value) {
            case (.int(let range), .int(let n)):
                guard range.contains(n) else {
                    log.error("setting '\(line.name)' takes a number from \(range.lowerBound) to \(range.upperBound)", at: line.valueSpan)
                    continue
                }
                value = .int(n)
            case (.int(let range), .word):
                log.error("setting '\(line.name)' takes a number from \(range.lowerBound) to \(range.upperBound)", at: line.valueSpan)
                continue
            case (.word(let words), .word(let word)):
                guard words.contains(word) else {
                    log.error("'\(word)' is not a choice of setting '\(line.name)'", at: line.valueSpan,
                              hint: quiet ? nil : didYouMean(word, in: words) ?? "choose one of: \(words.joined(separator: ", "))")
                    continue
                }
                value = .word(word)
            case (.word(let words), .int):
                log.error("setting '\(line.name)' takes a word", at: line.valueSpan,
                          hint: "choose one of: \(words.joined(separator: ", "))")
                continue
            }
            settings.append(Setting(name: line.name, value: value, span: line.span, valueSpan: line.valueSpan))
        }
        return settings
    }

    var settingsHint: String? {
        host.settings.isEmpty ? nil : "the settings are: \(host.settings.map(\.name).joined(separator: ", "))"
    }

    // MARK: Roles and functions

    mutating func declareRoles(_ roles: [RoleSyntax]) {
        for (index, role) in roles.enumerated() {
            if roleIndex[role.name] != nil {
                log.error("role '\(role.name)' is declared twice", at: role.span)
                continue
            }
            if case .unknown = meaning(of: role.name) {
                roleIndex[role.name] = index
            } else {
                log.error("role name '\(role.name)' is already taken by the host", at: role.span, hint: "choose another name")
            }
        }
    }

    mutating func declareFunctions(_ functions: [FunctionSyntax]) {
        for (index, function) in functions.enumerated() {
            if scriptFunctions[function.name] != nil {
                log.error("function '\(function.name)' is defined twice", at: function.span)
                continue
            }
            switch meaning(of: function.name) {
            case .unknown:
                break
            case _ where verbIndex[function.name] != nil:
                log.error("'\(function.name)' is already a verb of the host", at: function.span, hint: "choose another name")
            case .hostFunction:
                log.error("'\(function.name)' is already a function of the host", at: function.span, hint: "choose another name")
            default:
                log.error("'\(function.name)' is already a name of the host or a role", at: function.span, hint: "choose another name")
            }
            if function.parameters.count > Resolver.maxParameters {
                log.error("a function takes at most \(Resolver.maxParameters) parameters", at: function.span)
            }
            // Registered even after a clash, so calls do not add "unknown function" noise.
            scriptFunctions[function.name] = (index, function.parameters.count)
        }
    }

    mutating func resolveFunction(_ function: FunctionSyntax) -> RFunction {
        scope = Scope()
        currentRole = nil
        for parameter in function.parameters {
            if scope.slots[parameter.name] != nil {
                log.error("parameter '\(parameter.name)' is listed twice", at: parameter.span)
            }
            if assignableSlot(parameter.name, at: parameter.span) != nil {
                scope.kinds[scope.slots[parameter.name] ?? 0] = .any
            } else {
                _ = newSlot(nil, kind: .any, at: parameter.span)
            }
        }
        let body = resolveBlock(function.body)
        return RFunction(name: function.name, parameterCount: function.parameters.count, localCount: scope.count,
                         localNames: scope.names, body: body, span: function.span)
    }

    // MARK: Handlers

    mutating func resolveHandler(_ handler: HandlerSyntax, role: Int) -> (Handler.Trigger, RFunction, Bool)? {
        scope = Scope()
        scope.isHandler = true
        currentRole = role
        var trigger: Handler.Trigger?
        var takesArgument = false
        var name = "every"
        switch handler.trigger {
        case .every(let period, let span):
            if period < 1 || period > Resolver.maxPeriod {
                log.error("'every' takes a number of ticks from 1 to \(Resolver.maxPeriod)", at: span)
            } else {
                trigger = .every(period)
            }
        case .event(let eventName, let span, let parameter):
            name = "on \(eventName)"
            guard let index = eventIndex[eventName] else {
                log.error("unknown event '\(eventName)'", at: span,
                          hint: quiet ? nil : didYouMean(eventName, in: host.events.map(\.name))
                            ?? "the events are: \(host.events.map(\.name).joined(separator: ", "))")
                if let parameter { _ = newSlot(parameter.name, kind: .any, at: parameter.span) }
                _ = resolveBlock(handler.body)
                return nil
            }
            trigger = .event(index, name: eventName)
            switch (host.events[index].parameter, parameter) {
            case (let kind?, let parameter?):
                takesArgument = true
                if let slot = assignableSlot(parameter.name, at: parameter.span) {
                    scope.kinds[slot] = kind
                } else {
                    _ = newSlot(nil, kind: kind, at: parameter.span)
                }
            case (let kind?, nil):
                log.error("'on \(eventName)' hands over \(kind): name it", at: span, hint: "write 'on \(eventName) x:'")
            case (nil, let parameter?):
                log.error("'on \(eventName)' hands over nothing", at: parameter.span, hint: "write 'on \(eventName):'")
            case (nil, nil):
                break
            }
        }
        let body = resolveBlock(handler.body)
        guard let trigger else { return nil }
        let function = RFunction(name: name, parameterCount: takesArgument ? 1 : 0, localCount: scope.count,
                                 localNames: scope.names, body: body, span: handler.span)
        return (trigger, function, takesArgument)
    }
}
