#!/usr/bin/env escript
%% Real Erlang client for tlsdoctor's real-client harness: ssl:connect/4 with
%% verify_peer and the CA file given (what httpc passes down for https), otherwise
%% OTP's defaults; it connects to 127.0.0.1 and names the target (server_name_indication:
%% SNI and the name checked). Usage: escript client.escript CA.pem TARGETS.txt
%% (lines "name host port"); prints name TAB ok|fail TAB the error term (~p).
main([Ca, Targets]) ->
    {ok, _} = application:ensure_all_started(ssl),
    {ok, Bin} = file:read_file(Targets),
    Lines = [L || L <- string:split(binary_to_list(Bin), "\n", all), L =/= ""],
    lists:foreach(fun(L) -> try_one(Ca, string:split(L, " ", all)) end, Lines).

try_one(Ca, [Name, Host, Port]) ->
    %% log_level error: OTP's notice report of each alert would race the result lines
    %% (the alert is in the error term anyway); it changes nothing in the handshake.
    Opts = [{verify, verify_peer}, {cacertfile, Ca}, {server_name_indication, Host},
            {active, false}, {log_level, error}],
    Result = case ssl:connect({127, 0, 0, 1}, list_to_integer(Port), Opts, 10000) of
        {ok, S} ->
            %% a server that refuses us after the handshake may close before the send
            Sent = ssl:send(S, "GET / HTTP/1.0\r\nHost: " ++ Host ++ "\r\n\r\n"),
            R = case {Sent, ssl:recv(S, 0, 10000)} of
                {ok, {ok, "HTTP/" ++ _}} -> ok;
                {ok, Other} -> {error, {no_http_response, Other}};
                {SendError, _} -> {error, {send_failed, SendError}}
            end,
            ssl:close(S),
            R;
        E -> E
    end,
    Text = case Result of ok -> ""; _ -> io_lib:format("~0p", [Result]) end,
    Flat = [case C of $\t -> $\s; $\n -> $\s; _ -> C end || C <- lists:flatten(Text)],
    Status = case Result of ok -> "ok"; _ -> "fail" end,
    io:format("~s\t~s\t~ts~n", [Name, Status, Flat]).
