#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import Foundation

/// A program run with `posix_spawnp`, its standard output read through a
/// pipe, its standard input and error on /dev/null.
///
/// Not Foundation's `Process`: on Linux that one starts a run-loop thread
/// and monitors the child through it, which cost an incremental build a
/// few milliseconds for each of the three git calls reading the content's
/// history (Benchmarks/HISTORY.md, "Session of 2026-12-06 (02:18–)"). Two
/// children may be in flight at once: start both, then `finish` each.
package final class ChildProcess {
    private var pid: pid_t = 0
    private var output: Int32 = -1

    /// Starts `arguments[0]`, found on `PATH`, with `environment` added to
    /// this process's own. Nil when it cannot be started.
    package init?(_ arguments: [String], environment extra: [String: String] = [:]) {
        guard let program = arguments.first else { return nil }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return nil }
        // Both ends close on exec: no other child may hold this pipe open,
        // or the reader would wait for that child's end too.
        _ = fcntl(fds[0], F_SETFD, FD_CLOEXEC)
        _ = fcntl(fds[1], F_SETFD, FD_CLOEXEC)
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)

        var environment = ProcessInfo.processInfo.environment
        for (key, value) in extra { environment[key] = value }
        let argv = arguments.map { strdup($0) } + [nil]
        let envp = environment.map { strdup("\($0.key)=\($0.value)") } + [nil]
        defer {
            for pointer in argv { free(pointer) }
            for pointer in envp { free(pointer) }
        }
        var child: pid_t = 0
        let status = posix_spawnp(&child, program, &actions, nil, argv, envp)
        close(fds[1])
        guard status == 0 else {
            close(fds[0])
            return nil
        }
        pid = child
        output = fds[0]
    }

    /// Reads the child's output to its end and waits for it: the output
    /// when it exited with status 0, else nil.
    package func finish() -> [UInt8]? {
        var bytes: [UInt8] = []
        var buffer = [UInt8](repeating: 0, count: 65_536)
        while true {
            let count = buffer.withUnsafeMutableBytes { read(output, $0.baseAddress, $0.count) }
            if count > 0 {
                bytes += buffer[..<count]
            } else if count == 0 || errno != EINTR {
                break
            }
        }
        close(output)
        output = -1
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        // Exited (low 7 bits 0) with code 0: the whole status word is 0.
        return status == 0 ? bytes : nil
    }

    /// A child never finished is still waited for: no zombie, no open pipe.
    deinit {
        if output >= 0 { _ = finish() }
    }
}
