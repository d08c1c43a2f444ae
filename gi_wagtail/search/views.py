def search_view(request):  # placeholder, replaced below
    raise NotImplementedError
