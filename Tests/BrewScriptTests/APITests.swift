import BrewScript
import Testing

@Suite struct APITests {
    @Test func diagnosticsRenderLikeACompiler() {
        let source = "on order o:\n    take o\n    stem o\n"
        let result = compile(source: source, file: "shop/morning.brew", host: TestInterface.host)
        #expect(result.program == nil)
        #expect(result.rendered(source: source) == """
        shop/morning.brew:3:5: error: unknown verb 'stem'
            stem o
            ^~~~
          hint: did you mean 'steam'?

        """)
        let d = result.diagnostics[0]
        #expect((d.severity, d.line, d.column, d.length, d.file) == (.error, 3, 5, 4, "shop/morning.brew"))
    }

    @Test func runtimeErrorsRenderWithTheirLine() throws {
        // A divisor that is 0 only at run time ('1 / 0' is a compile error).
        let source = "on idle:\n    n = 0\n    x = 1 / n\n"
        var vm = VM(program: try program(source))
        var commands: [String] = []
        let error = try #require(runtimeError(try runToEnd(&vm, spawning: HandlerID(0), commands: &commands)))
        #expect(error.diagnostic(file: "a.brew").rendered(source: source) == """
        a.brew:3:11: error: division-by-zero: division by zero
            x = 1 / n
                  ^

        """)
    }

    @Test func programDescribesRolesHandlersAndSettings() throws {
        let source = """
        workers 3
        policy deadline
        role cashier 1:
            on customer c:
                take c
                send c to barista
        role barista 2:
            on order o:
                grind o
            every 16:
                pass
            on idle:
                pass
        """
        let program = try program(source)
        #expect(program.roles.map(\.name) == ["cashier", "barista"])
        #expect(program.roles.map(\.count) == [1, 2])
        #expect(program.roles[1].handlers == [HandlerID(1), HandlerID(2), HandlerID(3)])
        #expect(program.handlers[0].trigger == .event(1, name: "customer"))
        #expect(program.handlers[2].trigger == .every(16))
        #expect(program.handlers[3].takesArgument == false)
        #expect(program.handlers(for: "order", role: 1) == [HandlerID(1)])
        #expect(program.setting("workers") == .int(3))
        #expect(program.setting("policy") == .word("deadline"))
        #expect(program.setting("speed") == nil)
    }

    @Test func implicitRoleHoldsEveryHandler() throws {
        let program = try program("on order o:\n    take o\nevery 5:\n    pass\n")
        #expect(program.roles.count == 1)
        #expect(program.roles[0].isImplicit)
        #expect(program.roles[0].count == nil)
        #expect(program.roles[0].handlers.count == 2)
    }

    @Test func commandsAreExposedForHostChecks() throws {
        let program = try program("on order o:\n    s = start brew o on grinder\n    x = free(espresso)\n    sleep 3\n")
        let start = try #require(program.commands.first)
        let host = TestInterface.host
        #expect(start.callee == .verb(try #require(host.verbIndex("start"))))
        #expect(start.name == "start")
        #expect(start.span == SourceSpan(line: 2, column: 9, length: 5))
        #expect(start.role == 0)
        #expect(start.arguments == [
            .known(.constant(HostConstant(kind: 0, payload: 2))),
            .unknown(.handle("order")),
            .known(.constant(HostConstant(kind: 1, payload: 1))),
        ])
        #expect(start.argumentSpans[2] == SourceSpan(line: 2, column: 25, length: 7))
        #expect(program.commands.map(\.name) == ["start", "free", "sleep"])
        #expect(program.commands[2].arguments == [.known(.int(3))])
    }

    @Test func suspensionsCarryVerbArgumentsAndSpan() throws {
        let p = try program("role r 1:\n    on order o:\n        send o to r\n")
        var vm2 = VM(program: p)
        var host = NoHost()
        let fiber = try vm2.spawn(HandlerID(0), argument: .handle(Handle(kind: 0, id: 9)))
        let suspension = vm2.resume(fiber, with: .none, host: &host)
        guard case .command(let command) = suspension else {
            Issue.record("expected a command, got \(suspension)")
            return
        }
        #expect(command.callee == .verb(try #require(TestInterface.host.verbIndex("send"))))
        #expect(command.arguments.values == [.handle(Handle(kind: 0, id: 9)), .role(0)])
        #expect(command.span == SourceSpan(line: 3, column: 9, length: 4))
        #expect(vm2.resume(fiber, with: .none, host: &host) == .finished)
        #expect(vm2.liveFibers == 0)
    }

    @Test func brokenHostInterfaceIsReported() {
        let host = HostInterface(verbs: [VerbDecl("take", [.handle("order")]), VerbDecl("take")])
        let result = compile(source: "", file: "x.brew", host: host)
        #expect(result.diagnostics.map(\.message) == [
            "host interface: duplicate verb 'take'",
            "host interface: verb 'take': unknown handle kind 'order'",
        ])
    }

    @Test func windowsLineEndingsAndNoFinalNewline() throws {
        for source in ["on order o:\r\n    take o\r\n    serve o\r\n", "on order o:\n    take o\n    serve o"] {
            let result = compile(source: source, file: "crlf.brew", host: TestInterface.host)
            #expect(result.diagnostics.isEmpty, "\(result.rendered(source: source))")
            #expect(result.program?.commands.map(\.name) == ["take", "serve"])
        }
    }

    @Test func emptyScriptCompilesToOneImplicitRole() throws {
        let program = try program("# nothing yet\n")
        #expect(program.handlers.isEmpty)
        #expect(program.roles.count == 1)
    }
}
