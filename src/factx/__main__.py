if __name__ == "__main__":
    # Worker processes (spawn) import this module too, as __mp_main__: they need nothing of the
    # command line (typer, rich and every command: a tenth of a second each), so it is imported here.
    from factx.cli import main

    main()
